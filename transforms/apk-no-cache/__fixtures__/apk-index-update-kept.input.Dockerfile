FROM alpine:3.19
RUN apk update && apk upgrade --no-cache && apk add curl
