FROM alpine:3.19
RUN apk add --no-cache --virtual .build-deps gcc musl-dev
RUN make
RUN apk del .build-deps
