FROM registry.example.com/base/debian:12
RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*
RUN apt-get clean
