FROM golang:1.21
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/app
CMD ["/usr/local/bin/app"]
