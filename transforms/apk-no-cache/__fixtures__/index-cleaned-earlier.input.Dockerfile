# The earlier RUN removed its index in the same layer: the later add writes its own, --no-cache keeps it out.
FROM alpine:3.19
RUN apk update && apk add curl && rm -rf /var/cache/apk/*
RUN apk add --update-cache jq
