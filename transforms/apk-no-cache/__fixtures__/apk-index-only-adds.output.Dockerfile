FROM alpine:3.19
RUN apk add --no-cache curl git
RUN apk add --no-cache --update-cache jq
