# syntax=docker/dockerfile:1
FROM alpine:3.19
RUN --mount=type=cache,target=/var/cache/apk ln -vs /var/cache/apk /etc/apk/cache && apk add curl
