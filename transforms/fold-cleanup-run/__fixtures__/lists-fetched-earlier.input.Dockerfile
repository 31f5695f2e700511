# The lists from line 3 stay in that layer: folding the delete into line 4 frees nothing.
FROM ubuntu:22.04
RUN apt-get update
RUN apt-get update && apt-get install -y curl
RUN rm -rf /var/lib/apt/lists/*
