FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y curl git && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -qq -o Dpkg::Use-Pty=0 install --no-install-recommends -y \
      build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && cat /pkgs | xargs apt-get install --no-install-recommends -y && for p in $EXTRA; do apt-get install --no-install-recommends -y "$p"; done && rm -rf /var/lib/apt/lists/*
