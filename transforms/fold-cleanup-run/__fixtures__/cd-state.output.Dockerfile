FROM node:20
WORKDIR /src
RUN ( cd /tmp && npm ci ) && \
    rm -rf node_modules/.cache
