# Runs as root; the golang image's WORKDIR /go is root's and the program may write there: stays root (:latest).
FROM golang:1.22-bookworm
COPY main.go go.mod /src/
RUN CGO_ENABLED=0 go build -C /src -o /app .
CMD ["/app"]
