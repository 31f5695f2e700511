FROM node:8 AS case1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install

FROM debian:bookworm-slim AS case2
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y npm && npm install

FROM node:carbon
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install -g npm@5.6.0 && npm install
