FROM python:3.12
RUN apt-get update && apt-get install -y libgirepository1.0-dev && rm -rf /var/lib/apt/lists/*
