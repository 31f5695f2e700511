FROM debian:12
RUN apt-get update && apt-get install -y curl
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get purge -y curl
