FROM debian:bullseye-slim
RUN apt-get update && apt-get install --no-install-recommends -y gnupg apt-transport-https ca-certificates \
 && echo "deb https://packages.example.com/debian stable main" > /etc/apt/sources.list.d/example.list \
 && apt-get update && apt-get install --no-install-recommends -y example-tool
