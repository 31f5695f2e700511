FROM alpine:3.19
RUN apk update && apk add curl && rm -rf /var/cache/apk/*
RUN apk update \
    && apk add --virtual .build-deps gcc musl-dev \
    && make \
    && apk del .build-deps \
    && rm -rf /var/cache/apk/* /tmp/*
RUN set -eux; \
    apk update; \
    apk add bash; \
    apk upgrade
