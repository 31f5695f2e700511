FROM ubuntu:20.04
USER builder
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends make || true && sudo rm -rf /var/lib/apt/lists/*
USER root
RUN if [ "$WITH_X" = 1 ]; then apt-get update && apt-get install -y --no-install-recommends x11-apps; fi && rm -rf /var/lib/apt/lists/*
