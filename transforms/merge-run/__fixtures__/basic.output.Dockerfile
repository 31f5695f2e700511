FROM debian:12
RUN apt-get update && \
    apt-get install -y curl && \
# tidy up
    rm -rf /var/lib/apt/lists/*
CMD ["bash"]
