FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt list --installed > /pkgs.txt
RUN apt-cache policy curl
RUN apt-get download curl
