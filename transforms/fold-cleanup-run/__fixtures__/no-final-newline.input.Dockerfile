FROM alpine:3.19
RUN apk add --no-cache --virtual .build gcc && make
EXPOSE 80
RUN apk del .build