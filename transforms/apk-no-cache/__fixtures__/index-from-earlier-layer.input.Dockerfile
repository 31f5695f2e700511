# The index comes from the `apk update` layer; the later adds read it and write nothing to /var/cache/apk.
FROM alpine:3.19
RUN apk update
RUN apk add optipng
RUN apk add jpegoptim
