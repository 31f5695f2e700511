FROM debian:12
RUN set -eux; apt-get update
RUN apt-get install -y curl
