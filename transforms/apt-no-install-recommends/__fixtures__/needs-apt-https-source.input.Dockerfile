FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y gnupg apt-transport-https \
 && echo "deb https://packages.example.com/debian stable main" > /etc/apt/sources.list.d/example.list \
 && apt-get update && apt-get install -y example-tool
