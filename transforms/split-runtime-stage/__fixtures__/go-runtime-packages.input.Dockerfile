FROM golang:1.19
RUN apt-get update && apt-get install -y ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN go build -o /usr/local/bin/transcoder .
CMD ["transcoder"]
