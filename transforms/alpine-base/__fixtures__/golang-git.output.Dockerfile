FROM golang:1.22-alpine AS build
RUN apk add --no-cache git ca-certificates
RUN git clone https://github.com/example/tool.git /src
WORKDIR /src
RUN CGO_ENABLED=0 go build -o /tool .
