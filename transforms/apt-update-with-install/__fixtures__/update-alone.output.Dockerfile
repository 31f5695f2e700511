FROM debian:bookworm
# refresh the package lists
ENV LANG=C.UTF-8
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends git \
 && git --version
RUN set -e; cd /tmp; apt-get update; apt-get install -y --no-install-recommends make
