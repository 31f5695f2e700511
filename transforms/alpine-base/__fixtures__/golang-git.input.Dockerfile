FROM golang:1.22 AS build
RUN git clone https://github.com/example/tool.git /src
WORKDIR /src
RUN CGO_ENABLED=0 go build -o /tool .
