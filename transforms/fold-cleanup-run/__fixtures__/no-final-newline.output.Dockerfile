FROM alpine:3.19
RUN apk add --no-cache --virtual .build gcc && make && \
    apk del .build
EXPOSE 80