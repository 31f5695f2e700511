# apk-tools in Alpine 3.2 and older has no --no-cache: "apk: unrecognized option: no-cache".
FROM alpine:3.2
RUN apk update && \
  apk add build-base curl && \
  rm -rf /var/cache/apk/*

FROM python:2.7-alpine3.2 AS second
RUN apk add --update git
