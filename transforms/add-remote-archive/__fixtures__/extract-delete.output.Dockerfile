FROM debian:12
RUN apt-get update && apt-get install -y curl ca-certificates
# Hadoop
RUN curl -fsSL --create-dirs -o "/tmp/hadoop-2.7.3.tar.gz" "https://archive.apache.org/dist/hadoop/common/hadoop-2.7.3/hadoop-2.7.3.tar.gz" && \
    mkdir -p /opt/hadoop && \
    tar -xzf /tmp/hadoop-2.7.3.tar.gz -C /opt/hadoop --strip-components=1 && \
    rm -f /tmp/hadoop-2.7.3.tar.gz
