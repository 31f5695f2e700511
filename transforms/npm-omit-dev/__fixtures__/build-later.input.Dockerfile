FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20
WORKDIR /app
COPY . .
RUN npm install && npx tsc -p .

FROM node:20
WORKDIR /app
COPY . .
RUN npm install
CMD ["npm", "run", "dev"]

FROM node:20
WORKDIR /app
COPY . .
RUN npm install
CMD nodemon index.js
