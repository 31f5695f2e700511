FROM ubuntu:18.04
RUN apt-get update && apt-get install -y python3-pip && rm -rf /var/lib/apt/lists/*
# The new pip lands in /usr/local/bin; in the same shell `pip3` would still be the hashed /usr/bin/pip3,
# which fails with pip >= 10 ("cannot import name main").
RUN pip3 install --upgrade pip
RUN pip3 install --no-cache-dir flask
RUN python3 -m pip install -U pip setuptools
RUN pip3 install gunicorn

FROM node:8
RUN npm install -g npm@6
RUN npm install -g yarn
