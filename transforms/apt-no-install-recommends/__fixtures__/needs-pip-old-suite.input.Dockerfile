# Ubuntu 18.04 (no package data here): pip 9 needs setuptools and wheel beside it
FROM ubuntu:18.04
RUN apt-get update && apt-get install -y python3 python3-pip
COPY requirements.txt /app/
RUN pip3 install -r /app/requirements.txt
