FROM debian:bookworm
RUN apt-get update && apt-get install -y curl git && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -qq -o Dpkg::Use-Pty=0 install -y \
      build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && cat /pkgs | xargs apt-get install -y && for p in $EXTRA; do apt-get install -y "$p"; done && rm -rf /var/lib/apt/lists/*
