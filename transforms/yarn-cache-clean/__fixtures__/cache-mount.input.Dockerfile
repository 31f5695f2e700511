# syntax=docker/dockerfile:1
FROM node:18-alpine
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
RUN --mount=type=cache,target=/home/node/.yarn-cache,id=yarn yarn install --cache-folder /home/node/.yarn-cache --silent
