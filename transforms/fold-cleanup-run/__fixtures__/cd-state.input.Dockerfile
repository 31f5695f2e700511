FROM node:20
WORKDIR /src
RUN cd /tmp && npm ci
RUN rm -rf node_modules/.cache
