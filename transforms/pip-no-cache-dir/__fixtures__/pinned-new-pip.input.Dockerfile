FROM ubuntu:14.04
RUN apt-get update && apt-get install -y python-pip && rm -rf /var/lib/apt/lists/*
RUN pip install "pip==9.0.3"
RUN pip install flask
