FROM node:18
RUN apt-get update \
    && /usr/local/bin/npm install --production \
    && /usr/local/bin/npm cache clean --force
