FROM alpine:3.19
RUN apk update && apk add curl git
RUN apk add --update-cache jq
