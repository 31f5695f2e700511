# Runs as root and writes into a VOLUME: stays root on distroless (:latest).
FROM golang:1.22-bookworm
WORKDIR /src
COPY main.go go.mod ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/store .
VOLUME /data
CMD ["store", "--dir", "/data"]
