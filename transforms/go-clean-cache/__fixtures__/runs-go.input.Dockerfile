FROM golang:1.21
WORKDIR /src
COPY . .
RUN go mod download
CMD ["go", "run", "."]
