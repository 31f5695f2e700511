FROM debian:bookworm
RUN apt-get update
RUN dpkg -i /tmp/x.deb || apt-get install -y -f
