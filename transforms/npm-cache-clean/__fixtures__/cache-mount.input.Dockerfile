# syntax=docker/dockerfile:1
FROM node:18-slim
RUN --mount=type=cache,target=/root/.npm npm ci
ENV npm_config_cache=/cache/n
RUN --mount=type=cache,target=/cache/n,id=n npm install
