# Ubuntu 14.04 ships pip 1.5.4: "no such option: --no-cache-dir".
FROM ubuntu:14.04
RUN apt-get update && apt-get install -y python3-pip && rm -rf /var/lib/apt/lists/*
RUN pip3 install pymacaroons pytest

FROM debian:jessie
RUN apt-get update && apt-get install -y python-pip && pip install flask
