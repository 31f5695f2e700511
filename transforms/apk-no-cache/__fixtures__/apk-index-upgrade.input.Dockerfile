FROM alpine:3.19
RUN apk -U upgrade && apk add curl && rm -rf /var/cache/apk/*
RUN apk upgrade --update-cache \
    && apk add --no-cache bash \
    && rm -rf /var/cache/apk/*
