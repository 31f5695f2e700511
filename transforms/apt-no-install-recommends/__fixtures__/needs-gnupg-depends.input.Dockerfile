# gnupg depends on dirmngr on every Debian suite of the data: nothing to add
FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y gnupg \
 && gpg --batch --keyserver hkp://keys.example.org:80 --recv-keys 0123456789ABCDEF
