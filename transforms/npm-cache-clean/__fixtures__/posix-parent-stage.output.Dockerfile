FROM node:18 AS base
WORKDIR /app

FROM base
RUN date +%Y%m%d > /build-date && npm install && npm cache clean --force
