FROM ubuntu:22.04
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl && sudo rm -rf /var/lib/apt/lists/*
COPY packages.txt /
RUN apt-get update && cat /packages.txt | xargs apt-get install -y --no-install-recommends
RUN echo start && sudo apt-get update && sudo apt-get install -y --no-install-recommends vim || true
