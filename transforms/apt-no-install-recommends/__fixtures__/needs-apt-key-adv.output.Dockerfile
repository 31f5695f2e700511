# bookworm's software-properties-common only recommends dirmngr; apt-key adv needs it
FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y software-properties-common dirmngr \
 && apt-key adv --keyserver hkp://keys.example.org:80 --recv-keys 0123456789ABCDEF \
 && add-apt-repository "deb http://repo.example.com/debian bookworm main"
