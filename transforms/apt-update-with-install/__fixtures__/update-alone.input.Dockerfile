FROM debian:bookworm
# refresh the package lists
RUN apt-get update
ENV LANG=C.UTF-8
RUN apt-get install -y --no-install-recommends curl
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends git \
 && git --version
RUN set -e; cd /tmp; apt-get install -y --no-install-recommends make
