FROM debian:12
RUN apt-get update
RUN apt-get install -y curl
# tidy up
RUN rm -rf /var/lib/apt/lists/*
CMD ["bash"]
