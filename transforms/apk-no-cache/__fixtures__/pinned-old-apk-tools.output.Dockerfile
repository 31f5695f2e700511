FROM alpine:3.19
RUN apk add --no-cache apk-tools=2.4.4-r0
RUN apk add curl
