FROM debian:bookworm
RUN apt-get update && apt-get install -y curl gnupg
RUN echo "deb https://deb.nodesource.com/node_20.x nodistro main" > /etc/apt/sources.list.d/nodesource.list
RUN apt-get install -y apt-transport-https && apt-get update && apt-get install -y nodejs
