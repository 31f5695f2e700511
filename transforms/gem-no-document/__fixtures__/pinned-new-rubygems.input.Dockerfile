FROM ubuntu:12.04
RUN apt-get update && apt-get install -y ruby rubygems && rm -rf /var/lib/apt/lists/*
RUN gem update --system 2.7.9
RUN gem install bundler
