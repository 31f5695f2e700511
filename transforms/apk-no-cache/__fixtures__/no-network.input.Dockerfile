# --no-network: apk reads no index and downloads nothing, so there is no cache to avoid.
FROM alpine:3.19
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && apk add --no-network --virtual .run-deps libgcc \
    && apk del --no-network .build-deps
